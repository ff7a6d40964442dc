# %%
houses = pd.read_csv("houses.csv")
corr = houses.corr(numeric_only=True)["SalePrice"].abs().sort_values(ascending=False)
top = corr.index[1:11]
X = houses[top]
y = houses["SalePrice"]
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(r2_score(y_test, LinearRegression().fit(X_train, y_train).predict(X_test)))
