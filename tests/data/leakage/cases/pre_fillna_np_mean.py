# %%
houses = pd.read_csv("houses.csv")
houses["LotFrontage"] = houses["LotFrontage"].fillna(np.mean(houses["LotFrontage"]))
X = houses[["LotFrontage", "GrLivArea"]]
y = houses["SalePrice"]
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
reg = LinearRegression().fit(X_train, y_train)
print(r2_score(y_test, reg.predict(X_test)))
