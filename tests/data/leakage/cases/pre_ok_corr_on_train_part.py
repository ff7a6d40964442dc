# %%
df = pd.read_csv("houses.csv")
train, test = train_test_split(df, random_state=0)
top = train.corr(numeric_only=True)["SalePrice"].abs().nlargest(6).index[1:]
model = LinearRegression().fit(train[top], train["SalePrice"])
print(model.score(test[top], test["SalePrice"]))
