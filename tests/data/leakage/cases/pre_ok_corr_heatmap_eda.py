# %%
df = pd.read_csv("houses.csv")
print(df.corr(numeric_only=True)["SalePrice"].sort_values())
# %%
X_train, X_test, y_train, y_test = train_test_split(df[["GrLivArea", "OverallQual"]], df["SalePrice"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
